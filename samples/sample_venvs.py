"""Each sample's virtual environment, built once with its pinned requirements and then reused.

Venvs live under ${PICKWISE_CACHE:-~/.cache/pickwise}/samples/venvs/, keyed by a hash of the
requirements and the interpreter, so tasks sharing requirements share one venv. Standard library only.
"""

import datetime
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

from process_output import tail
from sample_files import Sample


def interpreter_facts(python: str) -> dict:
    code = (
        "import json, platform, sys;"
        "print(json.dumps({'version': platform.python_version(), 'full': sys.version,"
        " 'executable': sys.executable}))"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def venv_key(requirements: list[str], interpreter: dict) -> str:
    text = "\n".join(sorted(requirements)) + "\n--\n" + interpreter["full"] + "\n" + interpreter["executable"]
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def cache_root() -> Path:
    return Path(os.environ.get("PICKWISE_CACHE") or Path.home() / ".cache" / "pickwise") / "samples"


def ensure_venv(sample: Sample, python: str, interpreter: dict, cache: Path) -> Path:
    """The sample's venv, built once and reused; raises RuntimeError with pip's words on failure."""
    venvs = cache / "venvs"
    venvs.mkdir(parents=True, exist_ok=True)
    target = venvs / f"{sample.slug}-{venv_key(sample.requirements, interpreter)}"
    with open(venvs / f"{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another runner building the same venv waits here
        if (target / ".ready").exists():
            return target
        shutil.rmtree(target, ignore_errors=True)
        create = [python, "-m", "venv", str(target)]
        if not sample.requirements:
            create.append("--without-pip")
        done = subprocess.run(create, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"venv creation failed: {tail(done.stdout + done.stderr)}")
        if sample.requirements:
            (target / "requirements.txt").write_text("\n".join(sample.requirements) + "\n", encoding="utf-8")
            env = os.environ | {"PIP_CACHE_DIR": str(cache / "pip-cache"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
            install = [
                str(target / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--no-input",
                "-r",
                str(target / "requirements.txt"),
            ]
            done = subprocess.run(install, capture_output=True, text=True, env=env)
            (target / "pip.log").write_text(done.stdout + done.stderr, encoding="utf-8")
            if done.returncode:
                raise RuntimeError(f"pip install failed: {tail(pip_error(done.stdout + done.stderr))}")
        (target / ".ready").write_text(datetime.datetime.now().isoformat(), encoding="utf-8")
        return target


def pip_error(output: str) -> str:
    lines = [line for line in output.splitlines() if "is ignored: it is neither a file nor a directory" not in line]
    errors = [line for line in lines if "error" in line.lower()]
    return "\n".join(errors[-8:] or lines[-8:])
