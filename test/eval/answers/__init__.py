"""Eval questions with their independently computed answers (see ../compute-answers.py)."""
