"""Throughput benchmark: raw tesseract (the ceiling) vs ocrmypdf vs `eakte migrate`, on the same scans.

    .venv/bin/python -m benchmarks.throughput                      # both page sets, table on stdout
    .venv/bin/python -m benchmarks.throughput --rss-pages 500 --scaling --results benchmarks/RESULTS.md

Ceiling: the page images the pipeline OCRs, rendered beforehand by eakte's own page source (untimed),
then `tesseract <img> <out> -l deu`, one process per core, OMP_THREAD_LIMIT=1, nothing else.
ocrmypdf: `ocrmypdf --jobs <cores> -l deu` (default PDF/A output), one file after the other.
ocrmypdf renices itself by 5, so the ceiling's tesseracts and `eakte migrate` run at nice 5 too.
eakte: `eakte migrate <folder> --data-dir <fresh>` end to end. Its tesseract runs through a shim that
logs start and end of every call, so the share of wall time outside OCR is measured, not guessed:
outside = 1 - (seconds inside tesseract, summed) / (wall × workers).
All eakte runs share one PREFECT_HOME (kept under --cache), as an operator's machine keeps one; a first,
unmeasured run on an empty folder warms it (Prefect's database migrations), a second one measures the
fixed cost of a run. `--server` also measures that fixed cost against a running Prefect server.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.scans import make_set

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# The shared batches of real court decisions; the real set is their scans without a text layer.
REAL_BATCHES = [ROOT.parent / "shared" / "data" / name for name in ("real-court-decisions", "real-court-decisions-2")]
CORES = os.cpu_count() or 2
SERVER_RUN = "eakte migrate, Prefect server running"

SHIM = """#!/bin/sh
s=$(date +%s.%N)
{tesseract} "$@"
rc=$?
e=$(date +%s.%N)
echo "$s $e $rc $*" >> "{log}"
exit $rc
"""


@dataclass
class Run:
    name: str
    pages: int
    seconds: float
    extra: dict[str, object] = field(default_factory=dict)
    cpu: float = 0.0  # CPU seconds of the run's processes (user + system), robust against a busy machine

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.pages

    @property
    def ppm(self) -> float:
        return self.pages / self.seconds * 60.0


NICE = 5  # ocrmypdf renices itself by 5; the other contenders get the same, or a busy machine favours them


def _niced() -> None:
    os.nice(NICE)


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING")
    env.update(extra)
    return env


# ---------------------------------------------------------------- page sets

def generated_set(cache: Path, files: int, pages: int) -> list[Path]:
    return make_set(cache / "generated", files, pages, seed=1)


def real_set(limit: int = 0, batches: list[Path] | None = None) -> list[Path]:
    """The `text_layer: none` files of every real batch there is, at most `limit` per batch (0: all)."""
    out: list[Path] = []
    for batch in batches if batches is not None else REAL_BATCHES:
        if not (batch / "labels.jsonl").exists():
            continue
        files = set()
        for line in (batch / "labels.jsonl").read_text(encoding="utf-8").splitlines():
            label = json.loads(line)  # one line per document: a file with several documents comes again
            if label["test"]["text_layer"] == "none":
                files.add(batch / "pdf" / label["source"]["path"])
        out += sorted(files)[:limit] if limit else sorted(files)
    return out


def prerender(files: list[Path], folder: Path) -> tuple[list[tuple[Path, int | None]], list[Path]]:
    """The images (and their dpi) eakte's page source hands to tesseract: same code, same resolution, untimed.

    Also returns the files with a page eakte cannot render (it records such a page as failed, without OCR):
    the caller leaves them out of every contender's set, so all three read the same pages.
    """
    from eakte.config import Settings
    from eakte.errors import EakteError
    from eakte.pages.source import open_pages

    settings = Settings()
    images: list[tuple[Path, int | None]] = []
    unreadable: list[Path] = []
    for i, path in enumerate(files):
        work = folder / f"w{i}"
        work.mkdir(parents=True, exist_ok=True)
        source = open_pages(path, "pdf", work, settings.limits, settings.ocr_dpi)
        pages = []
        try:
            for n in range(1, source.page_count + 1):
                page = source.render(n, folder / f"f{i:03d}-p{n:04d}")
                pages.append((page.path, page.dpi))
        except EakteError:
            unreadable.append(path)
            continue
        images += pages
    return images, unreadable


# ---------------------------------------------------------------- the three contenders

def ceiling(images: list[tuple[Path, int | None]], out: Path, workers: int) -> Run:
    out.mkdir(parents=True, exist_ok=True)

    def one(image: tuple[Path, int | None]) -> None:
        img, dpi = image  # the resolution eakte tells tesseract (raw PGM renderings carry none)
        subprocess.run(["tesseract", str(img), str(out / img.stem), "-l", "deu", *(["--dpi", str(dpi)] if dpi else [])],
                       env=_env(), capture_output=True, check=True, preexec_fn=_niced)

    start, cpu = time.perf_counter(), _children_cpu()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, images))
    return Run("ceiling (raw tesseract)", len(images), time.perf_counter() - start, cpu=_children_cpu() - cpu)


def ocrmypdf(files: list[Path], pages: int, out: Path, workers: int) -> Run:
    out.mkdir(parents=True, exist_ok=True)
    exe = VENV_BIN / "ocrmypdf"
    start, cpu = time.perf_counter(), _children_cpu()
    for f in files:
        subprocess.run([str(exe), "--jobs", str(workers), "-l", "deu", "-q", str(f), str(out / f.name)],
                       env=_env(), capture_output=True, check=True)
    return Run("ocrmypdf", pages, time.perf_counter() - start, cpu=_children_cpu() - cpu)


def _peak_rss_watch(pid: int, peaks: dict[str, int], stop: threading.Event) -> None:
    """Polls /proc: the eakte process's own high-water mark and the largest sum over its process tree."""
    while not stop.is_set():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
            peaks["eakte_kb"] = max(peaks.get("eakte_kb", 0), hwm)
            tree = 0
            for proc in Path("/proc").iterdir():
                if proc.name.isdigit():
                    try:
                        stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                        if int(stat[1]) == pid or proc.name == str(pid):
                            tree += int(stat[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
                    except (OSError, IndexError, ValueError):
                        continue
            peaks["tree_kb"] = max(peaks.get("tree_kb", 0), tree)
        except (OSError, StopIteration):
            pass
        stop.wait(0.25)


def eakte(files: list[Path], pages: int, scratch: Path, workers: int, home: Path, label: str = "eakte migrate",
          **env_extra: str) -> Run:
    """`eakte migrate` on a folder of links to the files, fresh data dir, tesseract timed through a shim."""
    if scratch.exists():
        shutil.rmtree(scratch)
    inbox, data = scratch / "in", scratch / "data"
    for d in (inbox, data, home):
        d.mkdir(parents=True, exist_ok=True)
    for f in files:  # the files themselves, not links: ingest may refuse symlinks
        try:
            os.link(f, inbox / f.name)
        except OSError:
            shutil.copyfile(f, inbox / f.name)
    log = scratch / "tesseract.log"
    shim = scratch / "tesseract-shim"
    shim.write_text(SHIM.format(tesseract=shutil.which("tesseract"), log=log))
    shim.chmod(0o755)
    env = _env(PREFECT_HOME=str(home), EAKTE_TESSERACT_CMD=str(shim), **env_extra)
    cmd = [str(VENV_BIN / "eakte"), "migrate", str(inbox), "--data-dir", str(data), "--workers", str(workers)]
    peaks: dict[str, int] = {}
    stop = threading.Event()
    start, epoch, cpu = time.perf_counter(), time.time(), _children_cpu()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=scratch,
                            preexec_fn=_niced)
    watcher = threading.Thread(target=_peak_rss_watch, args=(proc.pid, peaks, stop), daemon=True)
    watcher.start()
    output, _ = proc.communicate()
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    stop.set()
    watcher.join()
    if proc.returncode not in (0, 3):
        sys.stderr.write(output.decode("utf-8", "replace")[-3000:])
        raise SystemExit(f"eakte migrate failed with exit code {proc.returncode}")
    lines = log.read_text().splitlines() if log.exists() else []
    calls = [c for c in (line.split(" ", 3) for line in lines) if len(c) == 4 and "--version" not in c[3]]
    ocr = [c for c in calls if "--psm 0" not in c[3]]
    osd = [c for c in calls if "--psm 0" in c[3]]
    second = [c for c in ocr if len(c[3].split()) > 1 and c[3].split()[1].endswith("r")]
    inside = sum(float(c[1]) - float(c[0]) for c in calls)
    first_start = min((float(c[0]) for c in calls), default=0.0)
    extra: dict[str, object] = {
        "ocr_calls": len(ocr), "osd_checks": len(osd), "second_ocr": len(second),
        "outside_ocr": 1.0 - inside / (wall * workers),
        "peak_rss_mib": peaks.get("eakte_kb", 0) / 1024, "peak_tree_rss_mib": peaks.get("tree_kb", 0) / 1024,
        "first_ocr_after_s": round(first_start - epoch, 1) if calls else None,
        "exit": proc.returncode,
    }
    return Run(label, pages, wall, extra, cpu=cpu)


@contextmanager
def running_server(cache: Path) -> Iterator[str]:
    """A Prefect server for the run's lifetime, as deploy/ runs one for its workers; yields its API URL."""
    from eakte.runtime.ephemeral_api import free_port, wait_until_healthy

    port = free_port()
    server_home = cache / "prefect-server-home"
    server_home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([str(VENV_BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=_env(PREFECT_HOME=str(server_home)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=cache)
    url = f"http://127.0.0.1:{port}/api"
    try:
        try:
            wait_until_healthy(url, proc, 180, poll=0.5)
        except RuntimeError:
            raise SystemExit("the Prefect server for --server did not start") from None
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def server_fixed_cost(cache: Path, workers: int, home: Path, url: str) -> Run:
    """The fixed cost of a run against a running Prefect server (PREFECT_API_URL), as deploy/'s workers have it."""
    eakte([], 0, cache / "server-warm", workers, home, label="warm-up", PREFECT_API_URL=url)
    return eakte([], 0, cache / "server-empty", workers, home, label="eakte migrate, empty folder, running server",
                 PREFECT_API_URL=url)


# ---------------------------------------------------------------- report

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    tess = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    ocrm = subprocess.run([str(VENV_BIN / "ocrmypdf"), "--version"], capture_output=True, text=True).stdout.strip()
    return f"nproc {CORES}, {cpu}, {tess}, ocrmypdf {ocrm}, Python {platform.python_version()}"


def table(set_name: str, runs: list[Run], empty: Run | None = None) -> str:
    base = {r.name: r for r in runs}
    ceil, ocrm = base.get("ceiling (raw tesseract)"), base.get("ocrmypdf")
    lines = [f"### {set_name}", "",
             "| run | pages | wall s | pages/min | × ceiling | × ocrmypdf | CPU s/page | × ceiling (CPU) "
             "| × ceiling (CPU, less start-up) | outside OCR | start-up s | × ceiling after start-up "
             "| OSD checks / OCR calls | peak RSS MiB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        x_ceil = f"{r.ppm / ceil.ppm:.2f}" if ceil else ""
        x_ocrm = f"{r.ppm / ocrm.ppm:.2f}" if ocrm else ""
        outside = f"{r.extra['outside_ocr']:.1%}" if "outside_ocr" in r.extra else ""
        osd = f"{r.extra['osd_checks']} / {r.extra['ocr_calls']}" if "osd_checks" in r.extra else ""
        rss = f"{r.extra['peak_rss_mib']:.0f}" if "peak_rss_mib" in r.extra else ""
        x_cpu = f"{ceil.cpu_per_page / r.cpu_per_page:.2f}" if ceil and r.cpu else ""
        marginal = ""
        if ceil and empty and "exit" in r.extra and r.cpu > empty.cpu:
            marginal = f"{ceil.cpu_per_page / ((r.cpu - empty.cpu) / r.pages):.2f}"
        startup = r.extra.get("first_ocr_after_s")
        steady = ""
        if isinstance(startup, float) and ceil and r.seconds > startup:
            steady = f"{r.pages / (r.seconds - startup) * 60.0 / ceil.ppm:.2f}"
        lines.append(f"| {r.name} | {r.pages} | {r.seconds:.1f} | {r.ppm:.1f} | {x_ceil} | {x_ocrm} "
                     f"| {r.cpu_per_page:.2f} | {x_cpu} | {marginal} | {outside} "
                     f"| {startup if startup is not None else ''} | {steady} | {osd} | {rss} |")
    return "\n".join(lines) + "\n"


def count_pages(files: list[Path]) -> int:
    from pypdf import PdfReader
    return sum(len(PdfReader(str(f)).pages) for f in files)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sets", default="generated,real", help="comma list: generated, real")
    ap.add_argument("--gen-files", type=int, default=6, help="generated set: number of PDFs")
    ap.add_argument("--gen-pages", type=int, default=10, help="generated set: pages per PDF")
    ap.add_argument("--real-files", type=int, default=0,
                    help="real set: at most the first N files of each real batch (0: all; both batches: 26 files)")
    ap.add_argument("--workers", type=int, default=CORES, help="OCR processes (all three contenders)")
    ap.add_argument("--skip", default="", help="comma list of runs to leave out: ceiling, ocrmypdf, eakte")
    ap.add_argument("--repeat", type=int, default=1, help="rounds per set; each run keeps its fastest round")
    ap.add_argument("--scaling", action="store_true", help="also run eakte with 1 worker on the generated set")
    ap.add_argument("--rss-pages", type=int, default=0, help="also migrate one generated file of N pages (RSS)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "eakte-bench",
                    help="generated scans are kept here between runs")
    ap.add_argument("--results", type=Path, default=None, help="write the tables as markdown here")
    ap.add_argument("--server", action="store_true", help="also measure a run's fixed cost against a running server")
    args = ap.parse_args(argv)
    with ExitStack() as stack:  # the --server Prefect server lives as long as the runs
        return run(args, argv, stack)


def run(args: argparse.Namespace, argv: list[str] | None, stack: ExitStack) -> int:
    skip = set(filter(None, args.skip.split(",")))
    args.cache.mkdir(parents=True, exist_ok=True)
    report = [f"Machine: {machine()}", "",
              f"Command: `{Path(sys.executable).name} -m benchmarks.throughput {' '.join(argv or sys.argv[1:])}`", ""]
    print(report[0], flush=True)
    home = args.cache / "prefect-home"  # one PREFECT_HOME for every eakte run, kept like an operator's
    fresh = not home.exists()
    if "eakte" not in skip or args.rss_pages:
        warm = eakte([], 0, args.cache / "warm-up", args.workers, home, label="warm-up")
        print(f"warm-up run (empty folder, {'fresh' if fresh else 'existing'} PREFECT_HOME): {warm.seconds:.1f} s",
              flush=True)
        if fresh:
            report.append(f"First run on a fresh PREFECT_HOME (Prefect creates its database): {warm.seconds:.1f} s "
                          f"wall, {warm.cpu:.1f} CPU s; every later run uses that PREFECT_HOME.\n")
    url = stack.enter_context(running_server(args.cache)) if args.server else None
    if url:
        srv = server_fixed_cost(args.cache, args.workers, home, url)
        report.append(f"Fixed cost of one run with PREFECT_API_URL of a running Prefect server (no ephemeral "
                      f"server): {srv.seconds:.1f} s wall, {srv.cpu:.1f} CPU s.\n")
        print(report[-1], flush=True)
    for set_name in filter(None, args.sets.split(",")):
        if set_name == "generated":
            files = generated_set(args.cache, args.gen_files, args.gen_pages)
        else:
            files = real_set(args.real_files)
        best: dict[str, Run] = {}
        with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
            work = Path(tmp)
            images, unreadable = prerender(files, work / "images") if "ceiling" not in skip else ([], [])
            if unreadable:
                files = [f for f in files if f not in unreadable]
                report.append(f"Left out of the {set_name} set (a page eakte cannot render, recorded as a failed "
                              f"page without OCR): {', '.join(f.name for f in unreadable)}.\n")
                print(report[-1], flush=True)
            pages = count_pages(files)
            empty = None
            if "eakte" not in skip:  # the fixed cost of a run (imports, Prefect, catalog) on an empty folder
                empty = eakte([], 0, work / "empty", args.workers, home, label="eakte migrate, empty folder")
                print(f"[{set_name}] empty folder: {empty.seconds:.1f} s, {empty.cpu:.1f} CPU s", flush=True)
            for _ in range(args.repeat):  # rounds interleave the contenders; each keeps its best round
                rounds: list[Run] = []
                if "ceiling" not in skip:
                    rounds.append(ceiling(images, work / "ceiling", args.workers))
                if "ocrmypdf" not in skip:
                    rounds.append(ocrmypdf(files, pages, work / "ocrmypdf", args.workers))
                if "eakte" not in skip:
                    rounds.append(eakte(files, pages, work / "eakte", args.workers, home))
                if "eakte" not in skip and url:
                    rounds.append(eakte(files, pages, work / "eakte-srv", args.workers, home, label=SERVER_RUN,
                                        PREFECT_API_URL=url))
                if args.scaling and set_name == "generated":
                    rounds.append(eakte(files, pages, work / "eakte1", 1, home, label="eakte migrate --workers 1"))
                for r in rounds:
                    print(f"[{set_name}] {r.name}: {r.ppm:.1f} pages/min, {r.cpu_per_page:.2f} CPU s/page "
                          f"{r.extra or ''}", flush=True)
                    if r.name not in best or r.seconds < best[r.name].seconds:
                        best[r.name] = r
        runs = list(best.values())
        batches = " + ".join(sorted({f.parent.parent.name for f in files}))
        label = (f"generated noisy 300-dpi scans ({len(files)} PDFs, {pages} pages)" if set_name == "generated"
                 else f"real scans, {batches} text_layer none ({len(files)} PDFs, {pages} pages)")
        report.append(table(label, runs, empty))
        if empty is not None:
            report.append(f"Fixed cost of one `eakte migrate` run (empty folder): {empty.seconds:.1f} s wall, "
                          f"{empty.cpu:.1f} CPU s.\n")
        print(report[-1], flush=True)
    if args.rss_pages:
        big = make_set(args.cache / "big", 1, args.rss_pages, seed=7)
        with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
            run = eakte(big, args.rss_pages, Path(tmp) / "eakte", args.workers, home, label="eakte migrate, one file")
        report.append(table(f"one {args.rss_pages}-page scanned file (memory and linearity)", [run]))
        report.append(f"Peak RSS: eakte process {run.extra['peak_rss_mib']:.0f} MiB, with its tesseract children "
                      f"{run.extra['peak_tree_rss_mib']:.0f} MiB.\n")
        print(report[-2] + report[-1], flush=True)
    if args.results:
        args.results.write_text("\n".join(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
