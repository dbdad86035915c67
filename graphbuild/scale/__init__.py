"""Past one machine: extraction on a Dask cluster (extract.py), facts as files (facts.py), loads from them.

Extraction never talks to the database; `graphbuild load` reads the facts files these modules write.
See docs/scaling.md.
"""
