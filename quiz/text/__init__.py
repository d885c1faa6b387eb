"""Text from other people, made safe to show, and line breaking for mixed CJK and Latin text."""
