"""The NLP stage: one spaCy pipeline, loaded once (sentences, tags, dependency parse)."""

from bilat.nlp.model import load_model, load_tokenizer

__all__ = ["load_model", "load_tokenizer"]
