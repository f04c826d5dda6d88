"""`pilotledger git-setup`: a clone's merge driver, .gitattributes and pre-commit check."""

from __future__ import annotations

from pilotledger.cli.common import Settings
from pilotledger.cli.invocation import GlobalOptions, lang_of
from pilotledger.gitflow.setup import git_setup
from pilotledger.render.terminal import print_text, print_warning
from pilotledger.wording import Message, word


def run_git_setup(options: GlobalOptions) -> None:
    report = git_setup(Settings.of(options).root)
    lang = lang_of(options)
    for line in report.done:
        print_text(word(Message("setup_done", what=line), lang))
    for line in report.already:
        print_text(word(Message("setup_already", what=line), lang))
    for line in report.advice:
        print_warning(word(line, lang))
