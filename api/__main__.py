"""`python -m api`: the same command line as `lexgraph`, for environments without the console script."""

from api.cli import app

if __name__ == "__main__":
    app(prog_name="lexgraph")
