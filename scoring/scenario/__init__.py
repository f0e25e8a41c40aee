"""Scenarios: what a user chose, as a share link and as saved files.

- `scoring.scenario.settings`: the settings table, each scenario setting declared once (link key,
  field, type, limits or choices, default, label, help); the model, the link codec, the CLI flags,
  the sidebar and the README derive from it.
- `scoring.scenario.link`: a scenario <-> a share link's query string (`encode`, `decode`,
  `share_url`, `canonical`).
- `scoring.scenario.saved`: saved, named scenarios (`scenarios/*.yaml`): `load_scenarios`,
  `find_scenario`.

Nothing is imported here: `scoring.model` reads the settings table, and the link codec reads the
model, so importing the codec from this package's top would go round in a circle.
"""
