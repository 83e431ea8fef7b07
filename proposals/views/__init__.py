"""The public screens of a proposals index, one module per screen: the list (listing), the matrix
(matrix), the accountability tracker (tracker), a proposal's page (detail), writing and changing a
proposal (writing), every action on a proposal (actions) and a proposal's image (image). ProposalIndexPage
routes to them (models.py)."""
