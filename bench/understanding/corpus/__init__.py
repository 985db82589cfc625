"""Parts of the labelled corpus generator: places, problems per category, replies and chatter."""
