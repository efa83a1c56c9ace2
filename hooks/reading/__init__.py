"""Reading: files into parsed documents (strict JSON, YAML 1.2) that keep positions.

May import only ``reporting``.
"""
