"""One module per view: its plain data (dataclasses with ids, keys, numbers and dates, no
labels: `jsondata.plain` makes its JSON) and the function that builds its localised Document
from those same objects, so a table and its JSON cannot drift. Pure: no I/O, no rich."""
