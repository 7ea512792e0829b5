"""The one list of upstreams a sync reads, in load order."""

from untally.sources import (
    amendments,
    fa_gov,
    failed_draft_votes,
    greenbook,
    meetings,
    sipri,
    un_members,
    undl,
    undl_ga,
    unvotes,
    veto_supplement,
    vetoes,
    voteview,
)
from untally.sources.base import Source

SOURCES: tuple[Source, ...] = (
    un_members.SOURCE,
    undl.SC_SOURCE,
    undl_ga.GA_SOURCE,
    undl_ga.GA_2022ON_SOURCE,
    vetoes.SOURCE,
    meetings.SOURCE,
    veto_supplement.SOURCE,
    failed_draft_votes.SOURCE,
    amendments.SOURCE,
    # Separate (paragraph and amendment) Assembly votes, from Voeten's data (optional).
    unvotes.SOURCE,
    # Beyond the UN record: US aid, arms transfers and Congress (all optional).
    fa_gov.SOURCE,
    greenbook.SOURCE,
    sipri.SOURCE,
    voteview.SOURCE,
)


def configured_sources() -> tuple[Source, ...]:
    """:data:`SOURCES` with the settings of :mod:`untally.config` applied: which congresses
    and chambers Voteview is read for, and where SIPRI's tables are (read when a sync runs,
    so a changed setting takes effect without a restart)."""
    from untally import config

    chosen = {
        "voteview": voteview.source(config.voteview_congresses(), config.voteview_chambers()),
        "sipri": sipri.source(config.sipri_suppliers(), config.sipri_tables()),
    }
    return tuple(chosen.get(s.name, s) for s in SOURCES)
