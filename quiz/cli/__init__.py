"""The command line: `quiz` and its subcommands (click, in `main`), and the launcher that
opens the TUI without loading click (`launch`)."""
