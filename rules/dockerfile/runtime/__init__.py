"""Runtime configuration: USER, CMD/ENTRYPOINT, HEALTHCHECK, EXPOSE (PDL4xx)."""
