"""Team projects on a PostgreSQL server: the same `ProjectStore` contract over psycopg 3.

Imported only when a `postgresql://` project is opened, so psycopg never loads for a project file.
"""
