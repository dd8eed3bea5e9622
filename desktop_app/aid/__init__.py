"""Bantuan: plan, pay and cancel the monthly cash aid (``service``) and the ledger screens read."""
