"""Live rooms (Kahoot-style rooms with a PIN, and matched 双人对战/四人赛) across processes and
machines that share one store. Never imports Textual."""
