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
