/**
 * The Federated Catalogue (XFSC catalogue API compatible): self-descriptions stored in PostgreSQL as the system of
 * record, schemas, and a graph projection into an RDF store that answers SPARQL queries. Plain Java: collaborators come
 * in through constructors; Spring wiring lives in {@code federator-server}.
 */
package eu.federator.catalogue;
