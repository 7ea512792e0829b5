"""The one list of upstreams a sync reads, in load order."""

from untally.sources import (
    amendments,
    failed_draft_votes,
    meetings,
    un_members,
    undl,
    undl_ga,
    veto_supplement,
    vetoes,
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
)
