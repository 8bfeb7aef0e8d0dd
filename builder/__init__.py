"""Campaign portal builder: campaign YAML and Markdown in, a static public portal out.

The pipeline runs load → model → catalog → pages → render → outputs; everything here
but `builder.mkdocs_plugin` is independent of MkDocs.
"""
