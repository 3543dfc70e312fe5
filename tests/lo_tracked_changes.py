"""Accept or reject all tracked changes with LibreOffice itself and save the text (a UNO script).

Run by tests/test_redline.py with the system Python that has ``uno`` (Debian: python3-uno):
``python3 lo_tracked_changes.py PROFILE_DIR OUT_DIR accept|reject FILE.docx...`` writes
``OUT_DIR/<stem>.txt`` for each file: LibreOffice's plain-text export (list numbers
included) of the document after Edit > Track Changes > Accept All (or Reject All).
"""

import contextlib
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def _props(**values):
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def main(profile, out_dir, action, files):
    """Start a LibreOffice of its own (profile, pipe), accept or reject all in each file, save its text."""
    pipe = f"dpagen{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        command = ".uno:AcceptAllTrackedChanges" if action == "accept" else ".uno:RejectAllTrackedChanges"
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, _props(Hidden=True))
            try:
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
                stem = os.path.splitext(os.path.basename(path))[0]
                target = uno.systemPathToFileUrl(os.path.abspath(os.path.join(out_dir, stem + ".txt")))
                doc.storeToURL(target, _props(FilterName="Text (encoded)", FilterOptions="UTF8"))
            finally:
                doc.close(True)
        with contextlib.suppress(Exception):  # it may already be gone
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
