"""What a player, author or organiser does, between the faces (TUI, CLI, serve) and the domain."""
