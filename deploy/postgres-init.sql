-- The eakte catalog lives beside Prefect's database on the same PostgreSQL.
CREATE DATABASE eakte;
