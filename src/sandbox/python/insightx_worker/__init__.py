"""InsightX fork-server: the long-lived process that forks one jailed child per Python job."""
