-- Where a push goes (the consumer's DataAddress, JSON, with the credentials the consumer gave for its sink, as
-- dsp_transfers.data_address holds them too), so that a push cut off by a stop or crash is started again by whichever
-- replica finds it without a runner (docs/dataspace.md, "Data plane").
ALTER TABLE dataplane_flows ADD COLUMN destination TEXT;
