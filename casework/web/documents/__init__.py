"""The documents panel on the case detail page: upload, new versions, download."""
