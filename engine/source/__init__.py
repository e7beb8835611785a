"""Reading the seed article: sections and paragraphs with stable ids."""

from engine.source.article import Article, Paragraph, Section, load_article, parse_article

__all__ = ["Article", "Paragraph", "Section", "load_article", "parse_article"]
