package com.enrollflow.identity;

/** One reason the deployment guard refuses a deployment: the file, the element and what is wrong, in Chinese. */
record DeploymentProblem(String resource, String elementId, String message) {

    @Override
    public String toString() {
        return elementId == null ? resource + "：" + message : resource + " 中的元素 " + elementId + "：" + message;
    }
}
