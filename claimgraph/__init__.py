"""claimgraph: a claim-verification knowledge graph for Arabic news about armed conflict."""

__version__ = "0.1.0"
