"""Presentation: what the app, the CLI and every report show, described once from typed results.

Nothing here ranks, normalises or samples: it reads `Ranking`, `SensitivityResult` and friends and
turns them into typed descriptions (the decision brief, tables, figures) and plain words. The app,
the CLI and each report format only render these.
"""
