"""Command-line options of the plain-Python study tools (tools/rate-study, tools/splitting-study).

Standard library only. A tool declares its options; --help prints its docstring, and an option it does not know or
a missing value stops it with exit 2 before any run starts (a mistyped --seeds must not start an hour-long study).
"""
import sys


class Options:
    def __init__(self, args, usage, valued, flags=()):
        """valued: options that take a value; flags: options without one. Exits on --help or a bad option."""
        if "-h" in args or "--help" in args:
            print(usage.strip())
            sys.exit(0)
        self.values, self.flags = {}, set()
        i = 0
        while i < len(args):
            a = args[i]
            if a in valued:
                if i + 1 >= len(args) or args[i + 1].startswith("--"):
                    sys.exit(_fail(f"{a} needs a value", valued, flags))
                self.values[a] = args[i + 1]
                i += 2
            elif a in flags:
                self.flags.add(a)
                i += 1
            else:
                sys.exit(_fail(f"unknown option or argument '{a}'", valued, flags))

    def get(self, name, default):
        return self.values.get(name, default)

    def has(self, flag):
        return flag in self.flags


def _fail(problem, valued, flags):
    tool = sys.argv[0].rsplit("/", 1)[-1]
    print(f"{tool}: {problem}; options: {' '.join(sorted(valued))} (with a value), {' '.join(sorted(flags))}; "
          f"--help for the usage", file=sys.stderr)
    return 2
