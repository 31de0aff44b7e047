//! Scoring records against gold annotations (`spec/gold-format.md`):
//! precision, recall and F1 per field.
