FROM python:3.11-slim
WORKDIR /app
# PyTorch's CPU build: pass --build-arg TORCH_INDEX=<your CPU wheel index> to avoid the multi-GB CUDA build.
ARG TORCH_INDEX=""
RUN if [ -n "$TORCH_INDEX" ]; then pip install --no-cache-dir torch==2.13.0 --index-url "$TORCH_INDEX"; \
    else pip install --no-cache-dir torch==2.13.0; fi
COPY pyproject.toml README.md ./
COPY claimgraph claimgraph
COPY extract extract
COPY graph graph
COPY api api
COPY ontology ontology
COPY models models
COPY seeds seeds
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["claimgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
