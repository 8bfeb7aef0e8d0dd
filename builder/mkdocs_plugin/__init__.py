"""The only part of `builder` that imports MkDocs: the plugin and the build commands."""
