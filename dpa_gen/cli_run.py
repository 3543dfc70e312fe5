"""How a command ends: every failure a message and an exit status, never a traceback.

Exit statuses: what the command body returns (0 done, 1 findings or failed files, 2 usage),
1 for bad input (``EXIT_FINDINGS``), 3 for an internal error (``EXIT_INTERNAL``: a bug;
``--debug`` shows its traceback), 130 when stopped by Ctrl-C, SIGTERM or SIGHUP; typer's own
usage errors exit 2. Only typer is imported here: ``--help`` must stay fast.
"""

from __future__ import annotations

from typing import NoReturn

import typer

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def run_guarded(run: object, *, debug: bool, redact: bool) -> NoReturn:
    """Run a command body; turn every failure into a message and an exit status, never a traceback."""
    from dpa_gen.errors import DpaGenError, UserError

    assert callable(run)
    stopping = _stop_on_signals()
    try:
        code = run()
    except UserError as exc:
        for diagnostic in exc.diagnostics:
            typer.echo(diagnostic.render(redact=redact), err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    except DpaGenError as exc:
        typer.echo(f"dpa-gen: error: {exc}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    except KeyboardInterrupt:
        typer.echo("dpa-gen: interrupted; no output was changed", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:  # the last line of defence before a user sees a traceback
        if debug:
            raise
        typer.echo(
            f"dpa-gen: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in dpa-gen; please report it. Run again with --debug for the traceback.",
            err=True,
        )
        raise typer.Exit(EXIT_INTERNAL) from None
    finally:
        _restore_signals(stopping)
    raise typer.Exit(code)


def _raise_interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_on_signals() -> dict[int, object]:
    """SIGTERM and SIGHUP stop a run the way Ctrl-C does: workers stopped, outputs accounted for."""
    import contextlib
    import signal

    previous: dict[int, object] = {}
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)):
        with contextlib.suppress(ValueError, OSError):  # not the main thread (embedded): leave them
            previous[number] = signal.signal(number, _raise_interrupt)
    return previous


def _restore_signals(previous: dict[int, object]) -> None:
    import signal

    for number, handler in previous.items():
        signal.signal(number, handler)  # type: ignore[arg-type]
