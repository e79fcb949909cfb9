/**
 * ecr-deploy-maven-plugin: a Maven-free core ({@code image}, {@code ecr}, {@code lifecycle}, {@code
 * health}) under thin Mojos in {@code maven}.
 */
package io.github.ecrdeploy;
