"""The facts of a relationship: what it is made of beyond single events.

    names       named mechanisms, agreements, routes and organisations in a sentence
    quantities  numbers with their qualifier and unit ("more than ten thousand")
    extract     FactExtractor: every fact of a story (the `facts` table of the store)
"""

from bilat.facts.extract import FactExtractor, fact_pair, make_fact_id
from bilat.facts.names import NamedThing, named_things
from bilat.facts.quantities import Quantity, quantities

__all__ = ["FactExtractor", "NamedThing", "Quantity", "fact_pair", "make_fact_id",
           "named_things", "quantities"]
