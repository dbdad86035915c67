"""text: the reading steps behind graphbuild.read (decoding, line normalisation, HTML to lines)."""
