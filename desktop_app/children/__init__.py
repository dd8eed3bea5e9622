"""The children's registry: register, edit, exit (``service``), the form rules (``form``), duplicate
checks, the list queries, NIK privacy, the growth panel's data and UU PDP requests.
"""
