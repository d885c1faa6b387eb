"""The read side: what the store gives back and what screens and the CLI show, as frozen types,
a module per feature (runs, replay, contests, rooms, history, standings), and the arithmetic of
review (`stats`, `items`). `quiz.usecases.review` composes them into the views. Each module is
imported where it is used: starting the TUI needs a run's row, not the twenty other types."""
