"""Proof of integrity: the TR-RESISCAN protocol, the signed manifest and verify."""
