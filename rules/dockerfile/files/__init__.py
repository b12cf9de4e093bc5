"""Files into the image: COPY, ADD and WORKDIR (PDL5xx)."""
