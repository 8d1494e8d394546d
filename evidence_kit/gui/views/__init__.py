"""The main window's views: the evidence list, the timeline, the item pane and their filters."""
