"""Empties the scratch directory between jobs so nothing one job wrote is visible to the next."""
import os
import shutil
import stat


def _unlock(_func, path, _exc):
    try:
        os.chmod(os.path.dirname(path), stat.S_IRWXU)
        os.chmod(path, stat.S_IRWXU)
    except OSError:
        pass
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except OSError:
            pass


def wipe(scratch):
    """Removes every entry under `scratch`, whatever permissions a job gave it."""
    try:
        os.chmod(scratch, stat.S_IRWXU)
    except OSError:
        pass
    for entry in os.listdir(scratch):
        path = os.path.join(scratch, entry)
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, onerror=_unlock)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass
