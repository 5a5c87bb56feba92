"""Stage 8: NPS arithmetic and the link from topics to NPS points."""
from ._impact import priorities, topic_impact
from ._nps import band, nps_from_counts, nps_of, nps_summary

__all__ = ["nps_from_counts", "nps_of", "nps_summary", "band", "topic_impact", "priorities"]
