"""The foster parents' registry (ASN, CSR sponsors, others).

``service`` writes, ``queries`` lists.
"""
