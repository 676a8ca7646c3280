"""The `gongkai` command line: one sub-command per module in gongkai/commands/.

Each command module defines HELP (one line, Chinese), EXAMPLE (a runnable example),
add_arguments(parser) and run(args) -> exit code. The commands only translate between the
terminal and the use-case functions; they hold no rules of their own.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Sub-command name -> module under gongkai.commands. Add a line here when adding a command.
COMMANDS: dict[str, str] = {
    "audit": "audit",
    "deadline": "deadline",
    "dossier": "dossier",
    "report": "report",
    "scan": "scan",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai", description="gongkai 政府信息公开工作系统命令行")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"gongkai.commands.{module_name}")
        sub = subparsers.add_parser(
            name,
            help=module.HELP,
            description=module.HELP,
            epilog=f"示例：{module.EXAMPLE}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    return args._run(args)


if __name__ == "__main__":
    sys.exit(main())
