"""The query syntax, as shown in the search box's tooltip."""

QUERY_HELP = """<b>Search syntax</b><br>
<tt>reminder</tt> &mdash; the word and its forms (reminders, reminded)<br>
<tt>"felt judged"</tt> &mdash; an exact phrase<br>
<tt>trust AND app</tt>, <tt>trust OR bond</tt>, <tt>trust NOT app</tt> &mdash; combine; brackets group<br>
<tt>remind*</tt> &mdash; wildcard; <tt>anxious~</tt> &mdash; fuzzy (also anxius, anxiuos)<br>
<tt>speaker:P03</tt>, <tt>case:P03</tt> &mdash; only that speaker's turns or that case<br>
Use the filters below for attributes and codes."""
