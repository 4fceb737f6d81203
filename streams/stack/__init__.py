"""The local stack: the real Apache Kafka broker from Maven Central jars."""
