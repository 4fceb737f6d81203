import click

@click.command()
def publish() -> None:
    """TODO"""


@click.command()
def simulate() -> None:
    """TODO"""


@click.command()
def query() -> None:
    """TODO"""


